package dev.ringmaster.functions.operate;

/**
 * An event operate cannot read, with what is wrong in words naming the field: caught by {@link OperateHandler}
 * and answered as a refusal, never thrown out of the function.
 */
final class InvalidEvent extends RuntimeException {
    InvalidEvent(String message) {
        super(message, null, false, false);
    }
}
