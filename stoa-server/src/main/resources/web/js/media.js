// Images need the Authorization header, which an <img src> cannot send: they are fetched with the
// token and shown through blob: URLs, one fetch per image for as long as the session lasts.

export class MediaCache {
  constructor(api) {
    this.api = api;
    this.urls = new Map();
    this.loading = new Map();
  }

  /** The blob: URL of an image already loaded, or undefined. */
  cached(mediaId) {
    return this.urls.get(mediaId);
  }

  /** Reuses the sender's own preview once the upload has an id, so nothing is downloaded again. */
  seed(mediaId, url) {
    if (!this.urls.has(mediaId)) this.urls.set(mediaId, url);
  }

  load(mediaId) {
    if (this.urls.has(mediaId)) return Promise.resolve(this.urls.get(mediaId));
    if (!this.loading.has(mediaId)) {
      const request = this.api.blob('/media/' + encodeURIComponent(mediaId)).then((blob) => {
        const url = URL.createObjectURL(blob);
        this.urls.set(mediaId, url);
        return url;
      }).finally(() => this.loading.delete(mediaId));
      this.loading.set(mediaId, request);
    }
    return this.loading.get(mediaId);
  }

  clear() {
    for (const url of this.urls.values()) URL.revokeObjectURL(url);
    this.urls.clear();
  }
}
