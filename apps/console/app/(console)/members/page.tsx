import { MembersView } from '../../../components/members/members-view.tsx';

export const metadata = { title: 'Members · Kairos console' };

export default function MembersPage() {
  return <MembersView />;
}
