import VerdictServer

await VerdictServerCommand.start()
