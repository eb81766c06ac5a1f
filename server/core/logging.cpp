#include "core/logging.h"

Q_LOGGING_CATEGORY(lcApp, "sluice.app")
Q_LOGGING_CATEGORY(lcConfig, "sluice.config")
Q_LOGGING_CATEGORY(lcDb, "sluice.db")
Q_LOGGING_CATEGORY(lcHttp, "sluice.http")
Q_LOGGING_CATEGORY(lcApi, "sluice.api")
Q_LOGGING_CATEGORY(lcAuth, "sluice.auth")
