// The plugin's own process, found by its executable: the server starts it as
// a child from $E2E_PLUGIN_DIR/oauth-manager/server/dist/plugin-linux-amd64.
// Peak RSS is VmHWM from /proc/<pid>/status, reset at the start of a phase
// (writing 5 to /proc/<pid>/clear_refs) so it is the phase's own peak; CPU is
// utime + stime from /proc/<pid>/stat, in clock ticks.
import {execFileSync} from 'node:child_process';
import {readdirSync, readFileSync, readlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

const executable = () => join(process.env.E2E_PLUGIN_DIR ?? '', 'oauth-manager', 'server', 'dist', 'plugin-linux-amd64');

export function pluginPid(): number {
    const exe = executable();
    for (const entry of readdirSync('/proc')) {
        if (!(/^\d+$/).test(entry)) {
            continue;
        }
        try {
            const path = readlinkSync(`/proc/${entry}/exe`).replace(/ \(deleted\)$/, '');
            const argv0 = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')[0];
            if (path === exe || argv0 === exe) {
                return Number(entry);
            }
        } catch {
            // A process that ended, or one not ours to read.
        }
    }
    throw new Error(`no running process of ${exe}: is the plugin enabled?`);
}

const ticksPerSecond = (() => {
    try {
        return Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim()) || 100;
    } catch {
        return 100;
    }
})();

// CPU seconds the process used so far (user + system).
export function cpuSeconds(pid: number): number {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');

    // Fields after the command name (which may hold spaces) in parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

const statusKiB = (pid: number, field: string) => {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
    return line ? Number(line.split(/\s+/)[1]) : NaN;
};

export const peakRssKiB = (pid: number) => statusKiB(pid, 'VmHWM');
export const rssKiB = (pid: number) => statusKiB(pid, 'VmRSS');

// Resets the peak to the current RSS; false when the kernel does not let us.
export function resetPeak(pid: number): boolean {
    try {
        writeFileSync(`/proc/${pid}/clear_refs`, '5');
        return true;
    } catch {
        return false;
    }
}

export type ProcessWatch = {stop: () => {pid: number; peakMiB: number; peakReset: boolean; cpu: number; restarted: boolean}};

// Watches the plugin process through a phase: CPU used from start to stop,
// and the peak RSS (VmHWM after a reset; the highest sampled VmRSS too, in
// case the reset is refused).
export function watchPlugin(): ProcessWatch {
    const pid = pluginPid();
    const peakReset = resetPeak(pid);
    const cpu0 = cpuSeconds(pid);
    let sampled = rssKiB(pid);
    const timer = setInterval(() => {
        try {
            sampled = Math.max(sampled, rssKiB(pid));
        } catch {
            // Read again at stop.
        }
    }, 200);
    return {
        stop: () => {
            clearInterval(timer);
            let restarted = false;
            let peak = sampled;
            let cpu = NaN;
            try {
                peak = Math.max(sampled, peakReset ? peakRssKiB(pid) : 0);
                cpu = cpuSeconds(pid) - cpu0;
            } catch {
                restarted = true;
            }
            return {pid, peakMiB: peak / 1024, peakReset, cpu, restarted};
        },
    };
}
