import { HomeActions } from './home-actions';
import { KnownClasses } from './known-classes';

export default async function HomePage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  const { code } = await searchParams;
  return (
    <main className="mx-auto flex max-w-4xl flex-col gap-10 px-6 py-16">
      <header>
        <h1 className="text-5xl font-bold">RNN Arena</h1>
        <p className="mt-3 text-xl text-slate-300">
          Train vanilla RNNs, LSTMs and GRUs in your browser and race the class: see gates open and gradients vanish,
          live.
        </p>
      </header>
      <HomeActions initialCode={typeof code === 'string' ? code : ''} />
      <KnownClasses />
    </main>
  );
}
