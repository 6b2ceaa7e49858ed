import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { TripActivities } from '../workflows/saga.ts';

/** One line of the activity-side journal: what a trip activity attempt did, in the order it did it. */
export interface TripJournalEntry {
  activity: keyof TripActivities;
  attempt: number;
  outcome: 'started' | 'completed' | 'failed';
}

export interface TripActivityOptions {
  /** Attempts that start and then never finish (the worker is to be killed under them). */
  stall?: (activity: keyof TripActivities, attempt: number) => boolean;
}

/**
 * The saga's activities: every booking and cancellation succeeds except bookCar, which fails
 * non-retryably; each attempt is written to `record` as it starts and as it ends.
 */
export function tripActivities(
  record: (entry: TripJournalEntry) => void,
  options: TripActivityOptions = {},
): TripActivities {
  const activity =
    (name: keyof TripActivities) =>
    async (tripId: string): Promise<string> => {
      const { attempt } = Context.current().info;
      record({ activity: name, attempt, outcome: 'started' });
      if (options.stall?.(name, attempt)) await new Promise<never>(() => {});
      if (name === 'bookCar') {
        record({ activity: name, attempt, outcome: 'failed' });
        throw ApplicationFailure.nonRetryable(`no car left for trip ${tripId}`, 'NoCarAvailable');
      }
      record({ activity: name, attempt, outcome: 'completed' });
      return `${name} ${tripId}`;
    };
  return {
    bookHotel: activity('bookHotel'),
    bookFlight: activity('bookFlight'),
    bookCar: activity('bookCar'),
    cancelHotel: activity('cancelHotel'),
    cancelFlight: activity('cancelFlight'),
    cancelCar: activity('cancelCar'),
  };
}
