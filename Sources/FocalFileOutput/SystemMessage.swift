#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The system's message for an `errno` value: `No such file or directory`.
func systemMessage(_ code: Int32) -> String {
    String(cString: strerror(code))
}
