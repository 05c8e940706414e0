// Answers parity requests (JSON lines on stdin) as the TypeScript half would;
// the Go fuzz targets in server/internal/parity compare their answers with it.
import {createInterface} from 'node:readline';

import {answer, normalize, type Request} from './answer';

const lines = createInterface({input: process.stdin, crlfDelay: Infinity});
lines.on('line', (line) => {
    process.stdout.write(JSON.stringify(normalize(answer(JSON.parse(line) as Request))) + '\n');
});
