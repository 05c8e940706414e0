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

// What the System Console gives a custom setting's component (the props we
// use): id is the setting's full config key, onChange(id, value) stores the
// value until the page's Save, setSaveNeeded enables Save.
export type CustomSettingProps = {
    id: string;
    value: unknown;
    disabled?: boolean;
    setByEnv?: boolean;
    onChange(id: string, value: unknown): void;
    setSaveNeeded(): void;
};

export type PluginRegistry = {
    registerReducer(reducer: Reducer): void;
    registerSlashCommandWillBePostedHook(hook: SlashCommandWillBePostedHook): string;
    registerRootComponent(component: React.ComponentType): string;
    registerAdminConsoleCustomSection(key: string, component: React.ComponentType<CustomSectionProps>): void;

    // showTitle: the console draws the setting's display name and help text
    // around it. Every Mattermost web app has it; the test suite's stand-in
    // host pages may not, so it is optional here.
    registerAdminConsoleCustomSetting?(key: string, component: React.ComponentType<CustomSettingProps>, options?: {showTitle?: boolean}): void;
    registerTranslations(getTranslationsForLocale: (locale: string) => Record<string, string> | undefined): void;
};
