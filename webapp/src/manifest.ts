import manifest from '../../plugin.json';

export const pluginId = manifest.id;
export const pluginVersion = manifest.version;
