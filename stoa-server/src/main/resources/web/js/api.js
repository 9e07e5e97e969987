// The HTTP API under /api/v1 with the session's bearer token. Every failure becomes a Problem.
import { Problem } from './problem.js';

export class Api {
  /** @param onUnauthorized called when the server no longer accepts the token */
  constructor(token, onUnauthorized = () => {}) {
    this.token = token;
    this.onUnauthorized = onUnauthorized;
  }

  get(path) {
    return this.request('GET', path);
  }

  post(path, body = {}) {
    return this.request('POST', path, body);
  }

  put(path, body) {
    return this.request('PUT', path, body);
  }

  patch(path, body) {
    return this.request('PATCH', path, body);
  }

  delete(path, body) {
    return this.request('DELETE', path, body);
  }

  /** Uploads an image or a file (named by {@code file.name}) as the raw body; answers {id, kind, width, height, name, size, ...}. */
  upload(file) {
    return this.request('POST', '/media?' + new URLSearchParams({ name: file.name || 'file' }), file);
  }

  /** Downloads an image the caller may see, as a Blob. */
  async blob(path) {
    const response = await this.fetch('GET', path);
    return response.blob();
  }

  /** The parsed JSON answer, or null for 204. */
  async request(method, path, body) {
    const response = await this.fetch(method, path, body);
    return response.status === 204 ? null : response.json();
  }

  async fetch(method, path, body) {
    const headers = {};
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    let payload;
    if (body instanceof Blob) {
      payload = body;
      headers['Content-Type'] = body.type;
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['Content-Type'] = 'application/json';
    }
    let response;
    try {
      response = await fetch('/api/v1' + path, { method, headers, body: payload });
    } catch {
      throw Problem.offline();
    }
    if (response.ok) return response;
    const problem = await Problem.fromResponse(response);
    if (response.status === 401 && this.token) this.onUnauthorized(problem);
    throw problem;
  }
}
