export { fingerprint } from '@/lib/shared/fingerprint';
