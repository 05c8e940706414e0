// The plugin's catalogues. English is extracted from the defaultMessages in the
// source (npm run i18n-extract writes webapp/i18n/en.json); other languages are
// webapp/i18n/<locale>.json, imported here, and the Go half reads the same files.
// English is not bundled: the defaultMessages already are English.

export type Catalogue = Record<string, string>;

const catalogues: Record<string, Catalogue> = {};

// registerTranslations' callback: undefined lets the host fall back to the
// defaultMessage, as it does for a language we do not ship.
export function translationsFor(locale: string): Catalogue | undefined {
    return catalogues[locale] ?? catalogues[locale.split('-')[0]];
}
