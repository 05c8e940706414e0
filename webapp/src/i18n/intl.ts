// Messages formatted outside React (chat answers, thunk results): an IntlShape
// from the host's react-intl for the user's locale. Inside React the host's
// IntlProvider already serves our registered translations.
import {createIntl, createIntlCache, type IntlShape} from 'react-intl';

import {translationsFor, type Catalogue} from './translations';

type LocaleState = {entities?: {users?: {currentUserId?: string; profiles?: Record<string, {locale?: string}>}}};

const cache = createIntlCache();
const made = new Map<string, IntlShape>();

// A language we do not ship is no error: the English defaultMessage is used.
const quiet = (err: {code?: string}) => {
    if (err.code !== 'MISSING_TRANSLATION') {
        // eslint-disable-next-line no-console
        console.error(err);
    }
};

// Data reaches a message only as an argument, which is never parsed as markup
// (scripts/i18n_extract.ts keeps tags out of the messages themselves).
const make = (locale: string, messages: Catalogue) => createIntl({locale, defaultLocale: 'en', messages, onError: quiet}, cache);

// `messages` replaces the shipped catalogue (tests: the pseudo-locale).
export function intlFor(locale: string, messages?: Catalogue): IntlShape {
    if (messages) {
        return make(locale, messages);
    }
    let intl = made.get(locale);
    if (!intl) {
        intl = make(locale, translationsFor(locale) ?? {});
        made.set(locale, intl);
    }
    return intl;
}

export function userLocale(state: LocaleState): string {
    const users = state.entities?.users;
    return users?.profiles?.[users.currentUserId ?? '']?.locale || 'en';
}
