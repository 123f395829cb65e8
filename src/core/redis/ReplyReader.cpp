#include "core/redis/ReplyReader.h"

#include <hiredis/hiredis.h>
#include <new>

namespace qd::redis {
namespace {

using namespace Qt::StringLiterals;

Reply convert(const redisReply* reply)
{
    const auto bytes
        = [reply] { return QByteArray(reply->str, static_cast<qsizetype>(reply->len)); };
    switch (reply->type) {
    case REDIS_REPLY_STATUS:
        return Reply::status(bytes());
    case REDIS_REPLY_ERROR:
        return Reply::error(bytes());
    case REDIS_REPLY_INTEGER:
        return Reply::integer(reply->integer);
    case REDIS_REPLY_STRING:
        return Reply::string(bytes());
    case REDIS_REPLY_ARRAY: {
        QList<Reply> elements;
        elements.reserve(static_cast<qsizetype>(reply->elements));
        for (size_t i = 0; i < reply->elements; ++i)
            elements.append(convert(reply->element[i]));
        return Reply::array(std::move(elements));
    }
    default:
        return Reply::nil();
    }
}

} // namespace

ReplyReader::ReplyReader() : m_reader(redisReaderCreate())
{
    if (!m_reader)
        throw std::bad_alloc();
}

ReplyReader::~ReplyReader()
{
    redisReaderFree(m_reader);
}

bool ReplyReader::feed(const char* data, qsizetype size)
{
    if (hasError())
        return false;
    if (redisReaderFeed(m_reader, data, static_cast<size_t>(size)) != REDIS_OK) {
        m_error = QString::fromUtf8(m_reader->errstr);
        return false;
    }
    return true;
}

bool ReplyReader::next(Reply* reply)
{
    if (hasError())
        return false;
    void* raw = nullptr;
    if (redisReaderGetReply(m_reader, &raw) != REDIS_OK) {
        m_error = QString::fromUtf8(m_reader->errstr);
        if (m_error.isEmpty())
            m_error = u"malformed reply"_s;
        return false;
    }
    if (!raw)
        return false;
    const auto* parsed = static_cast<const redisReply*>(raw);
    *reply = convert(parsed);
    freeReplyObject(raw);
    return true;
}

} // namespace qd::redis
