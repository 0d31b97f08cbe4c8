// Front-end code (it reads the DOM): the overlay is hidden only when the
// preview loads, so a failed request leaves the page covered.
type Overlay = { showSpinner(): void; hideSpinner(): void };

async function preview(file: File): Promise<string> {
  const res = await fetch("/api/preview?name=" + encodeURIComponent(file.name));
  return res.text();
}

export function bind(overlay: Overlay) {
  const input = document.querySelector<HTMLInputElement>("#file")!;
  input.addEventListener("change", () => {
    overlay.showSpinner();
    preview(input.files![0]).then((url) => { // expect: floating-promise
      input.dataset.url = url;
      overlay.hideSpinner();
    });
  });
}
