import {copyText} from './clipboard';

describe('copyText', () => {
    const original = Object.getOwnPropertyDescriptor(window.navigator, 'clipboard');
    afterEach(() => {
        if (original) {
            Object.defineProperty(window.navigator, 'clipboard', original);
        }
    });

    test('on a plain-http page (no navigator.clipboard) copies through a selected textarea, then removes it', async () => {
        Object.defineProperty(window.navigator, 'clipboard', {value: undefined, configurable: true});
        let copied = '';
        document.execCommand = jest.fn(() => {
            copied = (document.activeElement as HTMLTextAreaElement).value;
            return true;
        });
        await copyText('s3cret');
        expect(document.execCommand).toHaveBeenCalledWith('copy');
        expect(copied).toBe('s3cret');
        expect(document.querySelector('textarea')).toBeNull();
    });

    test('says so when the browser refuses', async () => {
        Object.defineProperty(window.navigator, 'clipboard', {value: undefined, configurable: true});
        document.execCommand = jest.fn(() => false);
        await expect(copyText('x')).rejects.toThrow();
        expect(document.querySelector('textarea')).toBeNull();
    });
});
