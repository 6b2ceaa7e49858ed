// A saga: book a hotel, a flight and a car; when a booking fails, undo the ones made, newest first.
import { proxyActivities } from '@temporalio/workflow';

export interface TripActivities {
  bookHotel(tripId: string): Promise<string>;
  bookFlight(tripId: string): Promise<string>;
  bookCar(tripId: string): Promise<string>;
  cancelHotel(tripId: string): Promise<string>;
  cancelFlight(tripId: string): Promise<string>;
  cancelCar(tripId: string): Promise<string>;
}

export interface TripOutcome {
  booked: string[];
  /** The compensations' results, in the order they ran. */
  compensated: string[];
  /** Why the saga rolled back; undefined when every booking succeeded. */
  failure: string | undefined;
}

/**
 * Books hotel, flight and car. Compensations get a short start-to-close timeout so an attempt lost
 * with a crashed worker is retried soon; they retry until they succeed, as a saga's undo must.
 */
export async function bookTrip(tripId: string): Promise<TripOutcome> {
  const bookings = proxyActivities<TripActivities>({
    startToCloseTimeout: '10s',
    retry: { initialInterval: '100ms', backoffCoefficient: 1, maximumAttempts: 3 },
  });
  const undo = proxyActivities<TripActivities>({
    startToCloseTimeout: '3s',
    retry: { initialInterval: '100ms', backoffCoefficient: 1 },
  });
  const steps = [
    { book: bookings.bookHotel, cancel: undo.cancelHotel },
    { book: bookings.bookFlight, cancel: undo.cancelFlight },
    { book: bookings.bookCar, cancel: undo.cancelCar },
  ];
  const booked: string[] = [];
  const compensations: Array<() => Promise<string>> = [];
  try {
    for (const step of steps) {
      booked.push(await step.book(tripId));
      compensations.unshift(() => step.cancel(tripId));
    }
    return { booked, compensated: [], failure: undefined };
  } catch (error) {
    const compensated: string[] = [];
    for (const compensate of compensations) compensated.push(await compensate());
    // An ActivityFailure whose cause is the activity's ApplicationFailure.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    return { booked, compensated, failure: cause instanceof Error ? cause.message : String(cause) };
  }
}
