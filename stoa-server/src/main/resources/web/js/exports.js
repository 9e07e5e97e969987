// Taking one's data along: ask the server for an archive, follow it while it is prepared, and
// download it with the token (a plain link cannot send it), counting the bytes as they come.

export class DataExports {
  constructor(api) {
    this.api = api;
  }

  /** My exports, newest first. */
  list() {
    return this.api.get('/me/exports');
  }

  get(id) {
    return this.api.get(`/me/exports/${id}`);
  }

  /**
   * A new export, or, when one was asked for within the day (429 export_too_soon), that one: asking
   * twice by mistake should show the archive on its way, not an error.
   */
  async request() {
    try {
      return await this.api.post('/me/exports');
    } catch (problem) {
      if (problem.code === 'export_too_soon' && problem.exportId != null) {
        const earlier = await this.get(problem.exportId);
        if (earlier.status === 'preparing' || earlier.status === 'ready') return earlier;
      }
      throw problem;
    }
  }

  /** The archive as a Blob and the name to save it under; onProgress(received, total) as bytes arrive. */
  async download(exportView, onProgress) {
    const response = await this.api.fetch('GET', `/me/exports/${exportView.id}/archive`);
    const total = Number(response.headers.get('Content-Length')) || exportView.size;
    const disposition = response.headers.get('Content-Disposition') || '';
    const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `stoa-export-${exportView.id}.zip`;
    const reader = response.body.getReader();
    const chunks = [];
    let received = 0;
    onProgress(0, total);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      onProgress(received, total);
    }
    return { blob: new Blob(chunks, { type: 'application/zip' }), filename };
  }
}

/** Hands a Blob to the browser as a file download. */
export function saveFile(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
