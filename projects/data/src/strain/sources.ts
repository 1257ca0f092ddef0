/**
 * The three strain sources behind `aframe data fetch` (DESIGN §7): `gwosc` (download through GWOSC's
 * API), `files` (local GWOSC-format HDF5 files) and `simulated` (coloured Gaussian noise). Each
 * returns strain for [start, end) at its native rate; the caller resamples.
 */
import { globSync } from 'tinyglobby';
import { findRun, strainFiles } from '../gwosc/api.ts';
import { downloadToCache, type HttpOptions } from '../gwosc/http.ts';
import { assertHdf5File, readGwoscStrain, type GwoscStrain } from '../gwosc/strain-file.ts';
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

/** Local GWOSC-format files matched by glob patterns; the detector comes from meta/Detector or the name. */
export class FilesSource implements StrainSource {
  private index: Promise<GwoscStrain[]> | null = null;
  constructor(private readonly patterns: string[]) {}

  private load(): Promise<GwoscStrain[]> {
    this.index ??= (async () => {
      const paths = [...new Set(this.patterns.flatMap((p) => globSync(p, { absolute: true, expandDirectories: false })))].sort();
      if (paths.length === 0) throw new Error(`files: no file matches ${JSON.stringify(this.patterns)}`);
      return Promise.all(paths.map((p) => readGwoscStrain(p)));
    })();
    return this.index;
  }

  async read(ifo: string, start: number, end: number): Promise<NativeStrain> {
    const all = await this.load();
    const mine = all.filter((f) => (f.detector || detectorFromName(f.path)) === ifo);
    if (mine.length === 0) throw new Error(`files: none of the given files is ${ifo} data`);
    return stitchSpan(mine, ifo, start, end);
  }
}

/** `H-H1_...` / `L-L1_...` file names carry the detector after the observatory letter. */
export function detectorFromName(path: string): string {
  const m = path.match(/(?:^|\/)[A-Z]-([A-Z]\d)_/);
  return m ? m[1] : '';
}
