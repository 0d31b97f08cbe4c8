import { appendFile, writeFile } from "node:fs/promises";
import path from "node:path";

// Each item writes its own file.
export async function exportEach(outDir: string, reports: { id: string; body: string }[]): Promise<void> {
  await Promise.all(reports.map(async (report) => {
    const file = path.join(outDir, `${report.id}.txt`);
    await writeFile(file, report.body);
  }));
}

// The shared file is written once, after the items are done.
export async function exportSummary(outDir: string, reports: { body: string }[]): Promise<void> {
  const bodies = await Promise.all(reports.map(async (report) => report.body.trim()));
  await writeFile(path.join(outDir, "summary.txt"), bodies.join("\\n"));
}

// Appends do not truncate each other.
export async function logAll(logFile: string, lines: string[]): Promise<void> {
  await Promise.all(lines.map(async (line) => {
    await appendFile(logFile, line + "\\n");
  }));
}

// Items written one after another.
export async function writeInOrder(file: string, parts: string[]): Promise<void> {
  for (const part of parts) {
    await writeFile(file, part);
  }
}
