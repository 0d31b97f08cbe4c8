import { loadCharts } from "./lazy/imports";

let Charts: { newPlot(el: unknown): unknown } | undefined;

// Racing first draws each store the one module import() loaded: nothing is
// lost.
export async function draw(el: unknown) {
  Charts = Charts || (await loadCharts());
  return Charts.newPlot(el);
}

let langs: Record<string, unknown> | undefined;
let themes: Record<string, unknown> | undefined;

// Both modules come from one Promise.all of imports: racing calls store
// the same namespaces.
export async function highlighter() {
  const [{ bundled: l }, { bundled: t }] =
    langs && themes ? [{ bundled: langs }, { bundled: themes }] : await Promise.all([import("./lazy/langs"), import("./lazy/themes")]);
  langs = l;
  themes = t;
  return { langs, themes };
}

const jobLoaders = {
  cleanup: () => import("./lazy/cleanup").then((m) => m.cleanup),
  digest: () => import("./lazy/digest").then(({ digest }) => digest),
};

const jobs = new Map<string, unknown>();

// Each loader picks one export of a module the module system loads once:
// concurrent loads of a name store the same function.
export async function loadJob(name: keyof typeof jobLoaders) {
  const cached = jobs.get(name);
  if (cached) return cached;
  const loader = jobLoaders[name];
  const job = await loader();
  jobs.set(name, job);
  return job;
}
