import { StudentLobby } from './student-lobby';

export default async function PlayPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return <StudentLobby code={code.toUpperCase()} />;
}
