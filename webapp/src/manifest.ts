import manifest from '../../plugin.json';

export const pluginId = manifest.id;
