// The grammar's words in the reader's language. grammar.json's summaries and
// help texts are English sources whose ids follow from their place in the
// grammar (scripts/i18n_extract.ts adds them to the catalogue; the Go half
// computes the same ids in server/command/i18n.go). The syntax itself
// (/oauth list [--all]) is never translated.
import type {IntlShape, MessageDescriptor} from 'react-intl';

import {grammar} from './grammar';
import type {Arg, Flag, Verb} from './grammar';

// id: oauth-manager.grammar.<key>; passed as a variable, so formatjs extract skips it.
function grammarText(intl: IntlShape, key: string, english: string): string {
    const descriptor: MessageDescriptor = {id: `oauth-manager.grammar.${key}`, defaultMessage: english};
    return intl.formatMessage(descriptor);
}

export const grammarSummary = (intl: IntlShape) => grammarText(intl, 'summary', grammar.summary);
export const verbSummary = (intl: IntlShape, verb: Verb) => grammarText(intl, `${verb.name}.summary`, verb.summary);
export const argHelp = (intl: IntlShape, verb: Verb, arg: Arg) => grammarText(intl, `${verb.name}.arg.${arg.name}`, arg.help);
export const flagHelp = (intl: IntlShape, verb: Verb, flag: Flag) => grammarText(intl, `${verb.name}.flag.${flag.name}`, flag.help);
