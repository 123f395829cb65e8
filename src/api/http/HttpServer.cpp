#include "api/http/HttpServer.h"

namespace qd::api {

HttpServer::HttpServer(Dispatch dispatch, QObject* parent)
    : QAbstractHttpServer(parent), m_dispatch(std::move(dispatch))
{
}

HttpServer::~HttpServer() = default;

bool HttpServer::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket)
{
    m_dispatch(request, makeResponder(request, socket));
    return true;
}

void HttpServer::missingHandler(const QHttpServerRequest& request, QTcpSocket* socket)
{
    Q_UNUSED(request);
    Q_UNUSED(socket);
}

} // namespace qd::api
