// Console tests render inside an IntlProvider, as the host's web app does.
import React from 'react';
import {IntlProvider} from 'react-intl';

import type {Catalogue} from '../i18n/translations';

export function withIntl(ui: React.ReactElement, messages: Catalogue = {}, locale = 'en') {
    return (
        <IntlProvider
            locale={locale}
            defaultLocale='en'
            messages={messages}
        >{ui}</IntlProvider>
    );
}
