#include "core/redis/ReplyReader.h"

// hiredis 0.14's sds.h declares its functions without C linkage of its own.
extern "C" {
#include <hiredis/sds.h>
}
#include <hiredis/hiredis.h>
#include <memory>
#include <new>

namespace qd::redis {
namespace {

using namespace Qt::StringLiterals;

// The reader keeps its buffer between the reads of one exchange up to this much unused space,
// instead of hiredis's 16 KiB: a poll's replies are larger than that, and freeing and growing
// the buffer on every read showed in profiles. Between exchanges releaseBuffer() frees it.
constexpr size_t kKeptBuffer = size_t(1024) * 1024;

} // namespace

Reply* ReplyReader::place(const redisReadTask* task, Reply&& value)
{
    if (task->parent == nullptr)
        return new (std::nothrow) Reply(std::move(value)); // nullptr: hiredis reports OOM
    auto* parent = static_cast<Reply*>(task->parent->obj);
    Reply* slot = &parent->m_elements[task->idx];
    *slot = std::move(value);
    return slot;
}

void* ReplyReader::createString(const redisReadTask* task, char* data, size_t size)
{
    QByteArray bytes(data, static_cast<qsizetype>(size));
    switch (task->type) {
    case REDIS_REPLY_ERROR:
        return place(task, Reply::error(std::move(bytes)));
    case REDIS_REPLY_STATUS:
        return place(task, Reply::status(std::move(bytes)));
    default:
        return place(task, Reply::string(std::move(bytes)));
    }
}

void* ReplyReader::createArray(const redisReadTask* task, int elements)
{
    Reply* array = place(task, Reply::array({}));
    if (array != nullptr)
        array->m_elements.resize(elements); // children are placed into these slots
    return array;
}

void* ReplyReader::createInteger(const redisReadTask* task, long long value)
{
    return place(task, Reply::integer(value));
}

void* ReplyReader::createNil(const redisReadTask* task)
{
    return place(task, Reply::nil());
}

void ReplyReader::freeObject(void* reply)
{
    // hiredis frees only top-level objects (a partial reply when the reader goes away);
    // elements live inside them.
    delete static_cast<Reply*>(reply);
}

ReplyReader::ReplyReader()
{
    static redisReplyObjectFunctions functions {
        createString, createArray, createInteger, createNil, freeObject};
    m_reader = redisReaderCreateWithFunctions(&functions);
    if (!m_reader)
        throw std::bad_alloc();
    m_reader->maxbuf = kKeptBuffer;
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

void ReplyReader::releaseBuffer()
{
    if (m_reader->ridx != -1 || m_reader->pos < m_reader->len)
        return; // a reply in progress, or bytes not parsed yet
    if (sdsalloc(m_reader->buf) < 64)
        return; // nothing worth freeing
    sds empty = sdsempty();
    if (empty == nullptr)
        return; // keep the old buffer rather than leave none
    sdsfree(m_reader->buf);
    m_reader->buf = empty;
    m_reader->pos = 0;
    m_reader->len = 0;
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
    const std::unique_ptr<Reply> parsed(static_cast<Reply*>(raw));
    *reply = std::move(*parsed);
    return true;
}

} // namespace qd::redis
