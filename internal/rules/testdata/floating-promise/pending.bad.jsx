import { useState } from "react";

// The spinner is cleared only in the success callback: when the download
// fails, it spins for good and the user is told nothing.
export function Download({ src }) {
  const [downloading, setDownloading] = useState(false);
  const onDownload = () => {
    setDownloading(true);
    fetch(src) // expect: floating-promise
      .then((r) => r.blob())
      .then((blob) => {
        window.open(URL.createObjectURL(blob));
        setDownloading(false);
      });
  };
  return <button onClick={onDownload} disabled={downloading}>Download</button>;
}

// A progress toast started before the export and stopped only when it
// succeeds.
function useExport(progress, exportPdf) {
  const download = (values) => {
    progress.startProgress();
    return exportPdf(values).then((res) => {
      progress.stopProgress();
      return res;
    });
  };
  return { download };
}

export function ExportButton({ progress, exportPdf }) {
  const { download } = useExport(progress, exportPdf);
  return <button onClick={() => download({ kind: "pdf" })}>Export</button>; // expect: floating-promise
}
