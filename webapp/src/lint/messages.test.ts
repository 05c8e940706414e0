import {findingMessage, lintMessages} from './messages';
import {NEAR_DUPLICATE_REASONS, type Finding} from './redirect_uri';

import vectors from '../../../server/lint/testdata/vectors.json';
import {intlFor} from '../i18n/intl';

const findings = (vectors as unknown as {lint: Array<{findings: Finding[]}>}).lint.flatMap((c) => c.findings);

describe('lint messages', () => {
    test('every finding of the vectors has a message its args fill', () => {
        const intl = intlFor('en');
        const used = new Set<string>();
        for (const f of findings) {
            const descriptor = findingMessage(f);
            used.add(String(descriptor.id));
            const text = intl.formatMessage(descriptor, f.args);
            expect(text).not.toMatch(/[{}]/);
            for (const name of String(descriptor.defaultMessage).match(/\{(\w+)\}/g) ?? []) {
                expect(f.args).toHaveProperty(name.slice(1, -1));
            }
        }

        // Each message is some finding's.
        expect([...used].sort()).toEqual(Object.values(lintMessages).map((m) => m.id).sort());
    });

    test('every near-duplicate reason has its own message', () => {
        const ids = NEAR_DUPLICATE_REASONS.map((reason) => findingMessage({uri: '', index: 1, code: 'near_duplicate', severity: 'warning', args: {reason, other: 0, other_number: 1}}).id);
        expect(new Set(ids).size).toBe(NEAR_DUPLICATE_REASONS.length);
    });

    test('a finding reads as plain text with its args', () => {
        const f: Finding = {uri: 'http://localhost:8080/cb', index: 0, code: 'localhost_vs_ip', severity: 'warning', args: {ip_uri: 'http://127.0.0.1:8080/cb'}};
        expect(intlFor('en').formatMessage(findingMessage(f), f.args)).toBe(
            'This callback uses the name localhost. RFC 8252 recommends the loopback address instead, and Mattermost matches callbacks exactly, ' +
            'so a client that sends http://127.0.0.1:8080/cb is refused. Register http://127.0.0.1:8080/cb instead, or as well.',
        );
    });
});
