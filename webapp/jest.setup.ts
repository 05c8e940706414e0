import '@testing-library/jest-dom';
import {TextEncoder as NodeTextEncoder} from 'node:util';

// jsdom lacks TextEncoder, which browsers (and so the web app) have.
if (typeof globalThis.TextEncoder === 'undefined') {
    globalThis.TextEncoder = NodeTextEncoder as typeof globalThis.TextEncoder;
}
