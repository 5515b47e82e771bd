import { z } from 'zod'
import type { JobDefinition } from '../jobs/jobs.js'
import type { Services } from '../../services.js'
import { mailJobNames } from './mail.service.js'

const dispatchData = z.object({ networkId: z.uuid().optional() })
const deliverData = z.object({ outboxId: z.uuid() })

/**
 * Delivery: the dispatcher (every minute, and soon after a commit) gives each pending outbox message a
 * 'mail.deliver' job. A failed attempt throws, so pg-boss retries it: waits of about 30 s, 1, 2, 4, 8 and
 * 16 minutes (each up to twice that). Then the message rests an hour as 'failed' and the dispatcher starts
 * another round, so a message is never given up while the mail server is down. The longest wait (≤ 32 min)
 * stays under the service's orphan threshold (1 hour).
 */
export function mailJobs(services: Services): JobDefinition[] {
  const dispatch: JobDefinition = {
    name: mailJobNames.dispatch,
    policy: 'short',
    retryLimit: 2,
    retryDelaySeconds: 10,
    expireInSeconds: 5 * 60,
    schedule: '* * * * *',
    async handle(data) {
      await services.mail.dispatch(dispatchData.parse(data))
    },
  }
  const deliver: JobDefinition = {
    name: mailJobNames.deliver,
    policy: 'short',
    retryLimit: 5,
    retryDelaySeconds: 30,
    // Longer than a send can take (transport timeouts), shorter than the outbox lease.
    expireInSeconds: 3 * 60,
    async handle(data, run) {
      await services.mail.deliverOutboxMessage(deliverData.parse(data).outboxId, { finalAttempt: run.finalAttempt })
    },
  }
  return [dispatch, deliver]
}
