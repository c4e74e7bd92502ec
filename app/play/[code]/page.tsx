import { BACKEND_NAMES, type BackendName } from '../../_training/backend-names';
import { StudentScreen } from './student-screen';

interface Props {
  params: Promise<{ code: string }>;
  /** `?backend=wasm` forces that backend, skipping the measurement (tests; a student whose GPU misbehaves). */
  searchParams: Promise<{ backend?: string | string[] }>;
}

export default async function PlayPage({ params, searchParams }: Props) {
  const { code } = await params;
  const { backend } = await searchParams;
  const preferred = BACKEND_NAMES.find((b) => b === backend) as BackendName | undefined;
  return <StudentScreen code={code.toUpperCase()} backend={preferred} />;
}
