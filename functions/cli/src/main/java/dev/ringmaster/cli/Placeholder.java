package dev.ringmaster.cli;
class Placeholder {}
