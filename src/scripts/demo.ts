import { describeDemo, seedDemo } from '../modules/networks/demo.js'
import { runScript } from './run-script.js'

/** `npm run demo`: adds the fictional Riverside network to the configured database and prints its accounts. */
runScript('The demo could not be set up', async ({ config, database }) => {
  const result = await seedDemo(database.db, { encryptionKey: config.ENCRYPTION_KEY })
  process.stdout.write(
    result.created ? 'The demo network has been created.\n\n' : 'The demo network was already there; anything missing has been added.\n\n',
  )
  process.stdout.write(describeDemo(config.BASE_URL))
})
