// A pseudo-locale for tests: every message wrapped, so text that bypasses the
// catalogue stands out unwrapped. Placeholders stay inside the wrapping.
import type {Catalogue} from './translations';

import en from '../../i18n/en.json';

export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

export function pseudoCatalogue(source: Catalogue = en): Catalogue {
    return Object.fromEntries(Object.entries(source).map(([id, message]) => [id, PSEUDO_OPEN + message + PSEUDO_CLOSE]));
}
