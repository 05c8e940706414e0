// Words more than one console component says.
import {defineMessages} from 'react-intl';

export const common = defineMessages({
    cancel: {id: 'oauth-manager.console.cancel', defaultMessage: 'Cancel'},
    working: {id: 'oauth-manager.console.working', defaultMessage: 'Working…'},
    yes: {id: 'oauth-manager.console.yes', defaultMessage: 'Yes'},
    no: {id: 'oauth-manager.console.no', defaultMessage: 'No'},
    any: {id: 'oauth-manager.console.any', defaultMessage: 'Any'},
});
