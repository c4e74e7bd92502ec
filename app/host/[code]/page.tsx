import { headers } from 'next/headers';
import { networkInterfaces } from 'node:os';
import { joinAddress } from '@/lib/domain/join-address';
import { HostScreen } from './host-screen';

/**
 * Rendered on the server for every request: the join address depends on PUBLIC_URL, the address the host
 * typed (the Host header) and this machine's network addresses, which only the server can read.
 */
export default async function HostPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const requestHeaders = await headers();
  const join = joinAddress({
    publicUrl: process.env.PUBLIC_URL,
    host: requestHeaders.get('host') ?? 'localhost',
    proto: requestHeaders.get('x-forwarded-proto'),
    interfaces: Object.values(networkInterfaces()).flatMap((list) => list ?? []),
  });
  return <HostScreen code={code.toUpperCase()} join={join} />;
}
