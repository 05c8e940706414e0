// Files in and out of the browser, for export and import.

// How long the object URL of a download outlives its click: the browser reads
// the Blob after the click returns (some only after a moment).
export const REVOKE_AFTER_MS = 1000;

// Saves text as a download: a Blob behind an object URL, an a[download]
// clicked, then the URL revoked so the Blob can be freed.
export function saveFile(text: string, filename: string, type = 'application/json'): void {
    const url = URL.createObjectURL(new Blob([text], {type}));
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.style.display = 'none';
    document.body.appendChild(link);
    try {
        link.click();
    } finally {
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
    }
}

// A chosen file's text, as UTF-8 (FileReader: older browsers lack Blob.text).
export function readText(file: Blob): Promise<string> {
    return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result ?? ''));
        reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
        reader.readAsText(file);
    });
}
