export * from './service';
export * from './languages';
export * from './ical';
export * from './markdown';
export * from './seed';
export { contributes, FORMER_MEMBER } from './contributes';
export * from './measures';
