import {configureClient} from './client/oauth_client';
import AuditChannelSetting from './console/audit_channel_setting';
import CreateAppModal from './console/create_app_modal';
import OAuthManagerSection from './console/oauth_manager_section';
import {translationsFor} from './i18n/translations';
import {pluginId} from './manifest';
import {createSlashCommandHook} from './slash/hook';
import {reducer} from './store/slice';
import type {HostStore} from './types/host';
import type {PluginRegistry} from './types/registry';

// The section of settings_schema in plugin.json with "custom": true that the manager fills.
export const MANAGER_SECTION_KEY = 'OAuthApps';

// The setting of plugin.json with "type": "custom" that the channel picker fills.
export const AUDIT_CHANNEL_SETTING_KEY = 'AuditChannelID';

// The address this admin reached the server at (as the web app's own client
// does), not the configured Site URL: the issuer check compares the two.
function pageURL(): string {
    const basename = (window as {basename?: string}).basename ?? '';
    return window.location.origin + basename;
}

export class Plugin {
    initialize(registry: PluginRegistry, store: HostStore) {
        configureClient(pageURL());
        registry.registerTranslations(translationsFor);
        registry.registerReducer(reducer);
        registry.registerSlashCommandWillBePostedHook(createSlashCommandHook(store));
        registry.registerAdminConsoleCustomSection(MANAGER_SECTION_KEY, OAuthManagerSection);
        registry.registerAdminConsoleCustomSetting?.(AUDIT_CHANNEL_SETTING_KEY, AuditChannelSetting, {showTitle: true});
        registry.registerRootComponent(CreateAppModal);
    }
}

declare global {
    interface Window {
        registerPlugin(id: string, plugin: Plugin): void;
    }
}

window.registerPlugin(pluginId, new Plugin());
