// Rebuilding a list of options resets the selection; the function puts
// back the index it saved (or the first option when there was no list).
let cameraSelect: HTMLSelectElement | null = null;

declare function listCameras(): Promise<string[]>;

async function rebuild(select: HTMLSelectElement): Promise<void> {
  const names = await listCameras();
  select.innerHTML = "";
  for (const name of names) select.add(new Option(name));
}

export async function refreshCameras(): Promise<void> {
  const savedIndex = cameraSelect ? cameraSelect.selectedIndex : 0;
  if (cameraSelect) await rebuild(cameraSelect);
  if (cameraSelect) cameraSelect.selectedIndex = savedIndex;
}
