import { ReviewScreen } from './review-screen';

/** After class: a read-only review of every round, opened with a review link (or by the host). */
export default async function ReviewPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return <ReviewScreen code={code.toUpperCase()} />;
}
