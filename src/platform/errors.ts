/** Domain errors carry an i18n key for the message a user sees; the error handler maps them to pages or JSON. */
export class DomainError extends Error {
  constructor(
    readonly messageKey: string,
    readonly statusCode = 400,
    readonly field?: string,
  ) {
    super(messageKey)
  }
}

/** Also used when something exists but belongs to another network: nobody learns it exists. */
export class NotFoundError extends DomainError {
  constructor() {
    super('common:errors.notFoundTitle', 404)
  }
}

export class ForbiddenError extends DomainError {
  constructor() {
    super('common:errors.forbiddenTitle', 403)
  }
}
