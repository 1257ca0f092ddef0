/**
 * A local stand-in for gwosc.org on 127.0.0.1, speaking the same URL shapes and serving real data:
 * the GWOSC timeline segment lists and the real LOSC strain files in ../shared/data, plus fault
 * injection (HTTP 500 then success, stalled connections, truncated bodies, 404) for client tests.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

export const SHARED_DATA = new URL('../../../../../shared/data/', import.meta.url).pathname;
const SEGMENT_DIR = join(SHARED_DATA, 'segments/gwosc_timeline_H1L1_DATA');
const STRAIN_DIR = join(SHARED_DATA, 'strain/gwtc1_losc_event_tutorial');

/** Run boundaries as GWOSC lists them (O1–O3a from the v2 runs fixture; O3b/O4a from the reference). */
export const RUNS: Record<string, { GPSstart: number; GPSend: number; detectors: string[]; segFile: string }> = {
  O1: { GPSstart: 1126051217, GPSend: 1137254417, detectors: ['H1', 'L1'], segFile: 'o1' },
  O2_4KHZ_R1: { GPSstart: 1164556817, GPSend: 1187733618, detectors: ['H1', 'L1', 'V1'], segFile: 'o2' },
  O3a_4KHZ_R1: { GPSstart: 1238166018, GPSend: 1253977218, detectors: ['H1', 'L1', 'V1'], segFile: 'o3a' },
  O3b_4KHZ_R1: { GPSstart: 1256655618, GPSend: 1269363618, detectors: ['H1', 'L1', 'V1'], segFile: 'o3b' },
  O4a_16KHZ_R1: { GPSstart: 1368975618, GPSend: 1389456018, detectors: ['H1', 'L1'], segFile: 'o4a' },
};

function readSegments(file: string): [number, number][] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [a, b] = l.trim().split(/\s+/).map(Number);
      return [a, b] as [number, number];
    });
}

interface StrainEntry {
  detector: string;
  gpsStart: number;
  durationS: number;
  path: string;
  urlPath: string;
}

function strainEntries(): StrainEntry[] {
  return readdirSync(STRAIN_DIR)
    .filter((n) => /^[HL]-[HL]1_LOSC_4_V2-\d+-\d+\.hdf5$/.test(n))
    .map((n) => {
      const m = n.match(/^([HL])-([HL]1)_LOSC_4_V2-(\d+)-(\d+)\.hdf5$/)!;
      const gpsStart = Number(m[3]);
      return {
        detector: m[2],
        gpsStart,
        durationS: Number(m[4]),
        path: join(STRAIN_DIR, n),
        urlPath: `/archive/data/O1/${Math.floor(gpsStart / 2 ** 20) * 2 ** 20}/${n}`,
      };
    });
}

export type Fault = 'status500' | 'stall' | 'truncate' | 'stallHeaders';

export interface FakeGwosc {
  url: string;
  server: Server;
  /** Requests seen, as "METHOD path". */
  log: string[];
  /** Faults to apply, once each, to the next requests whose path contains the key. */
  faults: Map<string, Fault[]>;
  close(): Promise<void>;
}

export async function startFakeGwosc(opts: { pageSize?: number } = {}): Promise<FakeGwosc> {
  const pageSize = opts.pageSize ?? 1;
  const files = strainEntries();
  const log: string[] = [];
  const faults = new Map<string, Fault[]>();
  const open = new Set<ServerResponse>();

  const json = (res: ServerResponse, body: unknown, status = 200) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? '/', 'http://x');
    log.push(`${req.method} ${u.pathname}${u.search}`);
    let fault: Fault | undefined;
    for (const [key, list] of faults) {
      if (u.pathname.includes(key) && list.length) {
        fault = list.shift();
        break;
      }
    }
    if (fault === 'status500') return json(res, { error: 'internal' }, 500);
    if (fault === 'stallHeaders') {
      open.add(res);
      return; // never answer
    }

    let m: RegExpMatchArray | null;
    if ((m = u.pathname.match(/^\/archive\/(\d+)\/(\d+)\/json\/$/))) {
      const [s, e] = [Number(m[1]), Number(m[2])];
      const runs: Record<string, unknown> = {
        tenyear: { GPSstart: 0, GPSend: 2e9, detectors: ['H1', 'L1'] },
        history: { GPSstart: 0, GPSend: 2e9 },
      };
      for (const [name, r] of Object.entries(RUNS)) {
        if (r.GPSstart < e && r.GPSend > s) runs[name] = { GPSstart: r.GPSstart, GPSend: r.GPSend, detectors: r.detectors };
      }
      return json(res, { events: {}, runs });
    }
    if ((m = u.pathname.match(/^\/timeline\/segments\/json\/([^/]+)\/([A-Z]\d)_DATA\/(\d+)\/(\d+)\/$/))) {
      const run = RUNS[m[1]];
      if (!run) return json(res, { error: `unknown dataset ${m[1]}` }, 404);
      const start = Number(m[3]);
      const end = start + Number(m[4]);
      const segs = readSegments(join(SEGMENT_DIR, `${run.segFile}_${m[2]}_times.dat`))
        .filter(([a, b]) => a < end && b > start)
        .map(([a, b]) => [Math.max(a, start), Math.min(b, end)]);
      return json(res, { segments: segs });
    }
    if ((m = u.pathname.match(/^\/api\/v2\/runs\/([^/]+)\/strain-files$/))) {
      const det = u.searchParams.get('detector');
      const start = Number(u.searchParams.get('start'));
      const stop = Number(u.searchParams.get('stop'));
      const rate = Number(u.searchParams.get('sample-rate') ?? 4);
      const matches = files
        .filter((f) => m![1] === 'O1' && rate === 4 && f.detector === det && f.gpsStart < stop && f.gpsStart + f.durationS > start)
        .sort((a, b) => a.gpsStart - b.gpsStart);
      const page = Number(u.searchParams.get('page') ?? 1);
      const results = matches.slice((page - 1) * pageSize, page * pageSize).map((f) => ({
        gps_start: f.gpsStart,
        utc_start: '',
        detector: f.detector,
        sample_rate_kHz: 4.0,
        // relative URLs on odd pages, absolute on even ones: the client must accept both
        hdf5_url: page % 2 ? f.urlPath : `http://${req.headers.host}${f.urlPath}`,
        gwf_url: f.urlPath.replace(/\.hdf5$/, '.gwf'),
        detail_url: '',
      }));
      const numPages = Math.max(1, Math.ceil(matches.length / pageSize));
      const next = page < numPages ? new URL(`${u.pathname}?${new URLSearchParams({ ...Object.fromEntries(u.searchParams), page: String(page + 1) })}`, `http://${req.headers.host}`).toString() : null;
      return json(res, { next, previous: null, results_count: matches.length, results_per_page: pageSize, num_pages: numPages, page_number: page, results });
    }
    if (u.pathname.startsWith('/archive/data/')) {
      const f = files.find((x) => x.urlPath === u.pathname);
      if (!f) return json(res, { error: 'not found' }, 404);
      const bytes = readFileSync(f.path);
      let from = 0;
      const range = req.headers.range?.match(/^bytes=(\d+)-$/);
      if (range) from = Number(range[1]);
      if (from >= bytes.length) {
        res.writeHead(416, { 'content-range': `bytes */${bytes.length}` });
        return res.end();
      }
      const body = bytes.subarray(from);
      const headers: Record<string, string | number> = { 'content-type': 'application/x-hdf5', 'content-length': body.length, 'accept-ranges': 'bytes' };
      if (range) headers['content-range'] = `bytes ${from}-${bytes.length - 1}/${bytes.length}`;
      res.writeHead(range ? 206 : 200, headers);
      if (fault === 'truncate') {
        res.write(body.subarray(0, Math.floor(body.length / 3)));
        return res.destroy(); // connection dropped mid-body
      }
      if (fault === 'stall') {
        res.write(body.subarray(0, Math.floor(body.length / 2)));
        open.add(res);
        return; // keep the connection open, send nothing more
      }
      return res.end(body);
    }
    json(res, { error: `no route for ${u.pathname}` }, 404);
  };

  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    log,
    faults,
    close: async () => {
      for (const r of open) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export const GW150914_FILES = {
  H1: join(STRAIN_DIR, 'H-H1_LOSC_4_V2-1126259446-32.hdf5'),
  L1: join(STRAIN_DIR, 'L-L1_LOSC_4_V2-1126259446-32.hdf5'),
};
