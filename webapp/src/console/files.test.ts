// A download is an a[download] over an object URL, removed at once; the URL
// is revoked after a moment. A chosen file is read as UTF-8 text.
import {readText, REVOKE_AFTER_MS, saveFile} from './files';

test('saveFile clicks a hidden a[download] and revokes its URL afterwards', () => {
    jest.useFakeTimers();
    try {
        URL.createObjectURL = jest.fn(() => 'blob:x');
        URL.revokeObjectURL = jest.fn();
        const clicked: string[] = [];
        const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function click(this: HTMLAnchorElement) {
            clicked.push(`${this.download} ${this.getAttribute('href')} ${document.body.contains(this)}`);
        });
        saveFile('{"apps":[]}', 'oauth-apps-2026-01-02.json');
        click.mockRestore();
        expect(clicked).toEqual(['oauth-apps-2026-01-02.json blob:x true']);
        expect(document.querySelector('a')).toBeNull();
        expect(URL.revokeObjectURL).not.toHaveBeenCalled();
        jest.advanceTimersByTime(REVOKE_AFTER_MS);
        expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:x');
    } finally {
        jest.useRealTimers();
    }
});

test('readText reads UTF-8', async () => {
    await expect(readText(new File(['{"name":"Ünïcode ✓"}'], 'a.json'))).resolves.toBe('{"name":"Ünïcode ✓"}');
});
