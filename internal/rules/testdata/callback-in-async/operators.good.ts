import { Observable, throwError, of } from "rxjs";
import { catchError, map } from "rxjs/operators";

interface Cache {
  set(key: string, value: unknown): Promise<void>;
}

// An RxJS catchError selector is only ever called with an error: throwing it
// is how the operator passes the error on to the subscriber.
export class ReplayGuard {
  constructor(private cache: Cache) {}

  async handle(key: string, next: Observable<unknown>): Promise<Observable<unknown>> {
    return next.pipe(
      map((body) => ({ key, body })),
      catchError((err) => {
        this.cache.set(key, { failed: true }).catch(() => {});
        throw err;
      }),
    );
  }

  async handleNotFound(next: Observable<unknown>): Promise<Observable<unknown>> {
    return next.pipe(
      catchError((error, caught) => {
        if (error.status === 404) return of(null);
        throw error;
      }),
    );
  }

  async handleWrapped(next: Observable<unknown>): Promise<Observable<unknown>> {
    return next.pipe(catchError((err) => throwError(() => err)));
  }
}
