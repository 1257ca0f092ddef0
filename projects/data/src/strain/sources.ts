/**
 * The three strain sources behind `aframe data fetch` (DESIGN §7): `gwosc` (download through GWOSC's
 * API), `files` (local GWOSC-format HDF5 files) and `simulated` (coloured Gaussian noise). Each
 * returns strain for [start, end) at its native rate; the caller resamples.
 */
import { globSync } from 'tinyglobby';
import { findRun, strainFiles } from '../gwosc/api.ts';
import { downloadToCache, type HttpOptions } from '../gwosc/http.ts';
import { assertHdf5File, readGwoscHeader, readGwoscStrain, type GwoscHeader, type GwoscStrain } from '../gwosc/strain-file.ts';
import { stitchSpan } from './stitch.ts';

export interface NativeStrain {
  sampleRate: number;
  data: Float64Array;
}

export interface StrainSource {
  read(ifo: string, start: number, end: number): Promise<NativeStrain>;
}

export class GwoscSource implements StrainSource {
  constructor(
    private readonly baseUrl: string,
    private readonly cacheDir: string,
    private readonly sampleRateKhz: 4 | 16 = 4,
    private readonly http: HttpOptions = {},
  ) {}

  /** Local paths of the (downloaded, cached) files covering [start, end). */
  async prefetch(ifo: string, start: number, end: number, log?: (m: string) => void): Promise<string[]> {
    const run = await findRun(this.baseUrl, start, end, this.http, ifo);
    const records = await strainFiles(this.baseUrl, run.name, ifo, start, end, this.sampleRateKhz, this.http);
    if (records.length === 0) throw new Error(`GWOSC lists no ${ifo} strain files for GPS [${start}, ${end}) in run ${run.name}`);
    const paths: string[] = [];
    for (const rec of records) {
      log?.(`${ifo}: ${rec.hdf5Url}`);
      paths.push(
        await downloadToCache(rec.hdf5Url, {
          ...this.http,
          cacheDir: this.cacheDir,
          validate: (p) => assertHdf5File(p, rec.hdf5Url),
        }),
      );
    }
    return paths;
  }

  async read(ifo: string, start: number, end: number): Promise<NativeStrain> {
    const files: GwoscStrain[] = [];
    for (const path of await this.prefetch(ifo, start, end)) files.push(await readGwoscStrain(path));
    return stitchSpan(files, ifo, start, end);
  }
}

/**
 * Local GWOSC-format files, matched by glob patterns and/or given as literal paths; the detector comes
 * from meta/Detector or the file name. Only the headers are read up front; a read loads just the
 * files of that detector overlapping the span.
 */
export class FilesSource implements StrainSource {
  private index: Promise<GwoscHeader[]> | null = null;
  constructor(
    private readonly patterns: string[],
    private readonly paths: string[] = [],
  ) {}

  private load(): Promise<GwoscHeader[]> {
    this.index ??= (async () => {
      const matched = this.patterns.flatMap((p) => globSync(p, { absolute: true, expandDirectories: false }));
      const all = [...new Set([...matched, ...this.paths])].sort();
      if (all.length === 0) throw new Error(`files: no file matches ${JSON.stringify(this.patterns)}`);
      return Promise.all(all.map((p) => readGwoscHeader(p)));
    })();
    return this.index;
  }

  async read(ifo: string, start: number, end: number): Promise<NativeStrain> {
    const mine = (await this.load()).filter((f) => (f.detector || detectorFromName(f.path)) === ifo);
    if (mine.length === 0) throw new Error(`files: none of the given files is ${ifo} data`);
    const overlapping = mine.filter((f) => f.gpsStart < end && f.gpsStart + f.durationS > start);
    const files = await Promise.all(overlapping.map((f) => readGwoscStrain(f.path)));
    return stitchSpan(files, ifo, start, end);
  }
}

/** `H-H1_...` / `L-L1_...` file names carry the detector after the observatory letter. */
export function detectorFromName(path: string): string {
  const m = path.match(/(?:^|\/)[A-Z]-([A-Z]\d)_/);
  return m ? m[1] : '';
}
