// Symbol export for the dangjian library.
//
// The library is built with hidden visibility: only declarations marked
// DANGJIAN_EXPORT are part of the shared library's ABI. The generated protobuf
// code (dangjian::proto) keeps default visibility, as protoc defines no export
// macro of its own for it.
#ifndef DANGJIAN_EXPORT_H_
#define DANGJIAN_EXPORT_H_

#if defined(_WIN32)
#if defined(DANGJIAN_SHARED_LIBRARY)
#if defined(DANGJIAN_COMPILE_LIBRARY)
#define DANGJIAN_EXPORT __declspec(dllexport)
#else
#define DANGJIAN_EXPORT __declspec(dllimport)
#endif
#else
#define DANGJIAN_EXPORT
#endif
#elif defined(__GNUC__) || defined(__clang__)
#define DANGJIAN_EXPORT __attribute__((visibility("default")))
#else
#define DANGJIAN_EXPORT
#endif

#endif  // DANGJIAN_EXPORT_H_
