// The parts of Mattermost's webapp plugin registry this plugin calls. The host
// publishes no types for it, so we declare only what we use.
import type React from 'react';
import type {Reducer} from 'redux';

export type SlashCommandArgs = {
    channel_id: string;
    team_id: string;
    root_id?: string;
};

// {message, args} passes the command on, {} consumes it, {error} keeps the draft.
export type SlashCommandHookResult =
    | {message: string; args: SlashCommandArgs}
    | {error: {message: string}}
    | Record<string, never>;

export type SlashCommandWillBePostedHook = (message: string, args: SlashCommandArgs) => Promise<SlashCommandHookResult>;

// A custom section gets the console's rendering of the settings listed under it.
export type CustomSectionProps = {
    settingsList?: React.ReactNode[];
};

export type PluginRegistry = {
    registerReducer(reducer: Reducer): void;
    registerSlashCommandWillBePostedHook(hook: SlashCommandWillBePostedHook): string;
    registerRootComponent(component: React.ComponentType): string;
    registerAdminConsoleCustomSection(key: string, component: React.ComponentType<CustomSectionProps>): void;
    registerTranslations(getTranslationsForLocale: (locale: string) => Record<string, string> | undefined): void;
};
