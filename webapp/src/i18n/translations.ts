// The plugin's catalogues. English is extracted from the defaultMessages in the
// source (npm run i18n-extract writes webapp/i18n/en.json); other languages are
// webapp/i18n/<locale>.json, and the Go half reads the same files.
import en from '../../i18n/en.json';

export type Catalogue = Record<string, string>;

const catalogues: Record<string, Catalogue> = {en};

// registerTranslations' callback: undefined lets the host fall back to the
// defaultMessage, as it does for a language we do not ship.
export function translationsFor(locale: string): Catalogue | undefined {
    return catalogues[locale] ?? catalogues[locale.split('-')[0]];
}

// A pseudo-locale for tests: every message wrapped, so text that bypasses the
// catalogue stands out unwrapped. Placeholders stay inside the wrapping.
export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';
export function pseudoCatalogue(source: Catalogue = en): Catalogue {
    return Object.fromEntries(Object.entries(source).map(([id, message]) => [id, PSEUDO_OPEN + message + PSEUDO_CLOSE]));
}
