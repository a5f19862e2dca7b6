// The one place drizzle-kit and the app find every table: each feature keeps its own in
// src/lib/server/<feature>/schema.ts and is the only one that writes them.
export * from '../accounts/schema';
export * from '../audit/schema';
export * from '../services/schema';
export * from '../settings/schema';
export * from '../board/schema';
export * from '../surveys/schema';
export * from '../meetings/schema';
export * from '../profiles/schema';
export * from '../standards/schema';
export * from '../reports/schema';
export * from '../safeguarding/schema';
export * from '../outbox/schema';
export * from '../subscriptions/schema';
export * from '../operations/schema';
export * from '../reach/schema';
export * from '../coproduction/schema';
export * from '../yearly/schema';
export * from '../content/schema';
export * from '../forum/schema';
export * from '../translations/schema';
