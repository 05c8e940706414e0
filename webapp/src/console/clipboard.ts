// navigator.clipboard exists only in secure contexts: a server reached over
// plain http has none, so a hidden, selected textarea is copied instead.
export async function copyText(text: string): Promise<void> {
    if (navigator.clipboard?.writeText) {
        await navigator.clipboard.writeText(text);
        return;
    }
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    const focused = document.activeElement as HTMLElement | null;
    document.body.appendChild(area);
    area.focus();
    area.select();
    try {
        if (!document.execCommand('copy')) {
            throw new Error('copy refused');
        }
    } finally {
        area.remove();
        focused?.focus();
    }
}
